import path from 'node:path';
import { test as setup } from '@playwright/test';
import {
  listedProduct,
  member,
  purchaseCall,
  samples,
  saveMarket,
  voucherFor,
  operatorCaller,
} from './market.js';

/**
 * The market the buyers' journeys start from, made through the API: a seller's product listed
 * at 2,000,000 won from the KAMP melting-tank file (quality verified), a purchase-support call,
 * and two buyers holding vouchers: an SME (80%) and a nonprofit (100%).
 */
setup('a listed product and two buyers with vouchers', async ({ baseURL }) => {
  setup.setTimeout(120_000);
  const op = await operatorCaller(baseURL!);

  const seller = await member(baseURL!, op, 'seller', {
    name: '한국용해주조',
    category: 'SME',
    industryCode: '24311',
  });
  const productTitle = '용해탱크 품질 예측 데이터셋';
  const kampFile = path.join(samples, 'kamp-melting-tank/melting_tank.csv');
  const productId = await listedProduct(seller.c, seller.organizationId, productTitle, 2_000_000);

  const call = await purchaseCall(op);
  const sme = await member(baseURL!, op, 'sme', {
    name: '구매테크',
    category: 'SME',
    industryCode: '29294',
  });
  const smeVoucher = await voucherFor(op, sme, call.id, 10_000_000, 12_500_000);
  const lab = await member(baseURL!, op, 'lab', {
    name: '한국대학교 데이터연구실',
    category: 'NONPROFIT',
    industryCode: '85301',
  });
  const labVoucher = await voucherFor(op, lab, call.id, 3_000_000, 3_000_000);

  saveMarket({
    baseURL: baseURL!,
    productId,
    productTitle,
    priceKrw: 2_000_000,
    kampFile,
    sellerEmail: seller.email,
    purchaseProgramId: call.id,
    sme: { email: sme.email, organizationId: sme.organizationId, voucherId: smeVoucher },
    nonprofit: { email: lab.email, organizationId: lab.organizationId, voucherId: labVoucher },
  });
});
