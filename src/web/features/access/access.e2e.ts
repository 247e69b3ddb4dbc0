import { expect, test } from '@playwright/test';
import { ok } from '../../../../scripts/bench/harness.js';
import { checkPage, signedIn } from '../../e2e/browser.js';
import { listedProduct, loadMarket, member, operatorCaller, voucherFor } from '../../e2e/market.js';

const QUESTION = '데이터를 어떤 공정에 쓰실 예정인가요? 제3자 제공 계획이 있나요?';

test('a buyer asks for access to a vetted product, the seller approves and the buyer buys; a second buyer is refused with the reason', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const m = loadMarket();
  const op = await operatorCaller(baseURL!);
  const seller = await member(baseURL!, op, 'vetting-seller', {
    name: '정밀주조데이터',
    category: 'SME',
    industryCode: '24311',
  });
  const title = '주조 공정 불량 데이터 (승인 후 판매)';
  const productId = await listedProduct(seller.c, seller.organizationId, title, 900_000);
  await ok(
    seller.c.api.PATCH('/api/products/{id}', {
      params: { path: { id: productId } },
      body: { approvalRequired: true, approvalQuestion: QUESTION },
    }),
  );
  const lab = await member(baseURL!, op, 'vetted-lab', {
    name: '한국공대 주조연구실',
    category: 'NONPROFIT',
    industryCode: '85301',
  });
  await voucherFor(op, lab, m.purchaseProgramId, 1_000_000, 1_000_000);
  const rival = await member(baseURL!, op, 'rival', {
    name: '경쟁주조',
    category: 'SME',
    industryCode: '24311',
  });

  // The buyer reads what the seller wants to know and asks; there is nothing to buy yet.
  const buyer = await signedIn(browser, baseURL!, lab.email, `/products/${productId}`);
  await expect(buyer.getByText('승인 후 구매').first()).toBeVisible();
  await expect(buyer.getByTestId('answer-speed')).toHaveText(
    '최근 90일 동안 이 판매자가 답한 신청이 없습니다.',
  );
  await expect(buyer.getByRole('link', { name: '구매하기' })).toHaveCount(0);
  await buyer
    .getByLabel('이용 목적')
    .fill('주조 불량 예측 연구에만 쓰며 제3자에게 제공하지 않습니다.');
  await expect(buyer.getByText(QUESTION)).toBeVisible();
  await buyer.getByRole('button', { name: '신청하기' }).click();
  await expect(buyer.getByTestId('my-access-request')).toContainText('답변 대기');
  await expect(buyer.getByTestId('my-access-request')).toContainText('판매자 답변 기한');
  await checkPage(buyer, 'product-access-requested');

  // The seller's own product page offers it nothing to buy, and its checkout says why.
  const desk = await signedIn(browser, baseURL!, seller.email, `/products/${productId}`);
  await expect(desk.getByTestId('own-product')).toHaveText(
    '우리 기관이 판매하는 상품이라 구매할 수 없습니다.',
  );
  await expect(desk.getByRole('link', { name: '구매하기' })).toHaveCount(0);
  await expect(desk.getByLabel('이용 목적')).toHaveCount(0);
  await expect(desk.getByRole('link', { name: '상품 관리하기' })).toHaveAttribute(
    'href',
    `/sell/products/${productId}`,
  );
  await desk.goto(`/checkout/${productId}`);
  await expect(desk.getByText('우리 기관이 판매하는 상품입니다')).toBeVisible();

  // The seller answers from its desk.
  await desk.goto('/sell?tab=access');
  const row = desk.getByTestId('access-request').filter({ hasText: '한국공대 주조연구실' });
  await expect(row).toContainText('제3자에게 제공하지 않습니다');
  await expect(row).toContainText('비영리');
  await checkPage(desk, 'sell-access');
  await row.getByRole('button', { name: '승인: 한국공대 주조연구실' }).click();
  await expect(row).toContainText('까지 구매할 수 있습니다');

  // Approved: the buyer buys with its voucher and pays nothing.
  await buyer.reload();
  await expect(buyer.getByTestId('my-access-request')).toContainText('승인');
  await expect(buyer.getByTestId('answer-speed')).toContainText('보통 1시간 안에 답합니다');
  await buyer.getByRole('link', { name: '구매하기' }).click();
  await expect(buyer.getByTestId('quote-own')).toHaveText('0원');
  await buyer.getByRole('button', { name: '주문하기 (결제할 금액 없음)' }).click();
  await expect(buyer.getByText('결제가 끝났습니다')).toBeVisible();

  // A rival asks too; the seller refuses with a reason, which the rival reads.
  const other = await signedIn(browser, baseURL!, rival.email, `/products/${productId}`);
  await other.getByLabel('이용 목적').fill('자사 공정과 비교 분석하려고 합니다.');
  await other.getByRole('button', { name: '신청하기' }).click();
  await expect(other.getByTestId('my-access-request')).toContainText('답변 대기');
  await desk.reload();
  const second = desk.getByTestId('access-request').filter({ hasText: '경쟁주조' });
  await second.getByRole('button', { name: '거절: 경쟁주조' }).click();
  const dialog = desk.getByRole('dialog');
  await dialog.getByLabel('거절 사유').fill('동종 업계 경쟁사에는 제공하지 않습니다');
  await dialog.getByRole('button', { name: '거절' }).click();
  await expect(second).toContainText('거절');
  await other.reload();
  await expect(other.getByTestId('my-access-request')).toContainText(
    '사유: 동종 업계 경쟁사에는 제공하지 않습니다',
  );
  await expect(other.getByRole('button', { name: '신청하기' })).toHaveCount(0);
  await expect(other.getByRole('link', { name: '구매하기' })).toHaveCount(0);
  await other.goto('/purchases?tab=access');
  await expect(other.getByTestId('access-request')).toContainText('동종 업계 경쟁사에는');
  await checkPage(other, 'purchases-access');
});
