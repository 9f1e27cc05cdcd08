//! `cardhook-typescript OUT_DIR`: writes `generated.d.ts` and `generated.js` (the declarations and
//! constants generated from the Rust definitions) for the npm package; run by `scripts/build.sh`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cardhook-typescript OUT_DIR");
        return ExitCode::FAILURE;
    };
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| {
            std::fs::write(
                dir.join("generated.d.ts"),
                cardhook::typescript::declarations(),
            )
        })
        .and_then(|()| {
            std::fs::write(dir.join("generated.js"), cardhook::typescript::javascript())
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cardhook-typescript: {e}");
            ExitCode::FAILURE
        }
    }
}
