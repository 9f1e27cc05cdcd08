// ~1.2 KB bodies for the unsigned dialects, built from the providers' documented examples with realistic extra
// fields (providers send more than they document).
const pad = 'Approved or completed successfully; 3DS frictionless; terminal 0042; batch 20260101-7; ref 9f8e7d6c5b4a';

const inner = JSON.stringify({
  customer_id: 10001320, app_id: 100036, flow_id: 'V7VU9M', bin_id: 'bid_Cwn7U0jVx4x124ew', origin_order_id: '',
  merchant: 'aliexpress', type: 1, card_id: 'cid_k7KmWwSf1m6TgPxE', card_no: '4474200014689926',
  auth_amount: 1.54, auth_currency: 'USD', auth_at: '2025-07-18 06:27:10', trade_amount: 1.54, trade_currency: 'USD',
  trade_at: '2025-07-18 06:27:10', settle_amount: 0, settle_currency: 'USD', settle_at: '', settle_fee: 0, is_cross: 0,
  result: 1, mark: pad, merchant_city: 'Hangzhou', merchant_country: 'CN', mcc: '5311', channel: 'ecom',
});
export const bodies = {
  openapi: JSON.stringify({ notify_id: '1ef936cbdbbc42189db340418ab70648', customer_id: 10001320, event: 'card.transaction.authorize.success', event_data: inner }),
  upay: JSON.stringify({
    event: 'CC_CONSUME', trace: 'TR20260101000000000001', orderNo: 'ORD20260101000000000001', timestamp: 1735689600000,
    detail: {
      cardId: 'C20260101000001', cardNumber: '5555****4444', orderNo: 'ORD20260101000000000001', customerNo: 'CU000000001',
      type: 2, status: 1, amount: 12.5, direction: 2, merchantName: 'AMAZON MKTPLACE PMTS', currency: 'USD',
      transactionAt: 1735689600000, transactionId: 'T20260101000000000001', originalAmount: 11, originalCurrency: 'EUR',
      reason: null, fee: 0.3, thirdOrderNo: '3RD-000000001', remark: pad, merchantCity: 'Seattle', merchantCountry: 'US',
      mcc: '5942', authCode: '123456', posEntryMode: '812', acquirerId: '000000012345', terminalId: 'T0001', notes: pad,
    },
  }).replace('"amount":12.5', '"amount":12.50'),
  nobepay: JSON.stringify({
    eventType: 'TRANSACTION', eventId: 'ev_xxxxxxxxxxxxxxxxxxxxx', webhookSubscribeId: 'wsb_xxxxxxxxxxxxxxxxxxx',
    data: {
      transactionId: 't_xxxxxxxxxxxxx', userId: 'u_xxxxxxxxxxx', cardId: 'c_xxxxxxxxxxx', cardCustomerId: 'cust-000001',
      cardNumber: '556735XXXXXX0737', cardSeqNo: 'CXXXXXXX', desp: 'FACEBK UYFYREF3S2      fb.me/ads     IRL',
      reason: 'balance not enough', preAuthAmount: -1992, preAuthCurrency: 'USD', preAuthTime: 1652262674000,
      transactionAmount: -1992, transactionCurrency: 'USD', transactionTime: 166662674000, status: 'COMPLETE',
      gmtCreate: 1652262674000, gmtModified: 166662674000, merchantName: 'FACEBOOK ADS', merchantCity: 'Dublin',
      merchantCountry: 'IE', mcc: '7311', notes: pad, extra: pad, more: pad.slice(0, 60),
    },
  }),
};
