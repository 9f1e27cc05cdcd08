//! Google's Wycheproof RSASSA-PKCS1-v1_5 vectors (2048/3072/4096-bit, SHA-256), through the same
//! `PublicKey::verify` the verifier uses: valid signatures accepted, invalid ones (bad padding,
//! wrong hash, malleated encodings...) rejected.
#![cfg(not(target_arch = "wasm32"))]

use cardhook::PublicKey;
use wycheproof::TestResult;
use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};

#[test]
fn wycheproof_rsa_pkcs1_sha256() {
    let mut ran = 0;
    for name in [
        TestName::Rsa2048Sha256,
        TestName::Rsa3072Sha256,
        TestName::Rsa4096Sha256,
    ] {
        let set = TestSet::load(name).expect("test set");
        for group in &set.test_groups {
            let key = PublicKey::parse(&group.pem, false).expect("key");
            for test in &group.tests {
                let accepted = key.verify(&test.msg, &test.sig).is_ok();
                match test.result {
                    TestResult::Valid => assert!(
                        accepted,
                        "{name:?} tc {}: valid signature rejected ({})",
                        test.tc_id, test.comment
                    ),
                    TestResult::Invalid => assert!(
                        !accepted,
                        "{name:?} tc {}: invalid signature accepted ({})",
                        test.tc_id, test.comment
                    ),
                    TestResult::Acceptable => {}
                }
                ran += 1;
            }
        }
    }
    assert!(ran > 300, "ran only {ran} Wycheproof cases");
}
