/**
 * Every error code a client can branch on, with its HTTP status and a default Korean message.
 * Codes are stable: add new ones, never rename.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    ko: '입력값이 올바르지 않습니다. 표시된 항목을 고쳐 다시 보내 주세요.',
  },
  MALFORMED_JSON: { status: 400, ko: '요청 본문이 올바른 JSON이 아닙니다.' },
  INVALID_REGISTRATION_NUMBER: { status: 400, ko: '사업자등록번호가 올바르지 않습니다.' },
  UNAUTHENTICATED: { status: 401, ko: '로그인이 필요합니다.' },
  TOKEN_EXPIRED: {
    status: 401,
    ko: '인증이 만료되었습니다. 다시 로그인하거나 토큰을 갱신해 주세요.',
  },
  INVALID_CREDENTIALS: { status: 401, ko: '이메일 또는 비밀번호가 올바르지 않습니다.' },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    ko: '갱신 토큰이 유효하지 않습니다. 다시 로그인해 주세요.',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    ko: '이미 사용된 갱신 토큰입니다. 보안을 위해 모든 세션을 종료했습니다. 다시 로그인해 주세요.',
  },
  FORBIDDEN: { status: 403, ko: '이 작업을 할 권한이 없습니다.' },
  NOT_FOUND: { status: 404, ko: '찾을 수 없습니다.' },
  CONFLICT: { status: 409, ko: '현재 상태와 충돌하여 처리할 수 없습니다.' },
  EMAIL_TAKEN: { status: 409, ko: '이미 가입된 이메일입니다.' },
  RESET_TOKEN_INVALID: {
    status: 400,
    ko: '비밀번호 재설정 링크가 올바르지 않거나 만료되었습니다. 새 링크를 요청해 주세요.',
  },
  REGISTRATION_NUMBER_TAKEN: { status: 409, ko: '이미 등록된 사업자등록번호입니다.' },
  ALREADY_MEMBER: { status: 409, ko: '이미 이 기관의 구성원입니다.' },
  LAST_ADMIN: { status: 409, ko: '기관에는 관리자가 최소 한 명 있어야 합니다.' },
  PAYLOAD_TOO_LARGE: { status: 413, ko: '요청 본문이 너무 큽니다.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ko: '지원하지 않는 콘텐츠 형식입니다. application/json으로 보내 주세요.',
  },
  NOT_ELIGIBLE: { status: 422, ko: '신청 자격 요건을 충족하지 않습니다.' },
  INVALID_TRANSITION: { status: 409, ko: '현재 상태에서는 할 수 없는 작업입니다.' },
  CONFLICT_OF_INTEREST: {
    status: 403,
    ko: '이해관계가 있어 직접 처리할 수 없습니다. 다른 담당자가 처리해야 합니다.',
  },
  AGREEMENT_TERMS_VIOLATED: { status: 422, ko: '협약 내용이 공고의 지원 조건을 벗어납니다.' },
  NOT_APPLICABLE: { status: 409, ko: '이 사업에는 해당하지 않는 작업입니다.' },
  NOT_ASSIGNED: { status: 403, ko: '이 공고의 평가위원으로 배정되지 않았습니다.' },
  WINDOW_CLOSED: { status: 409, ko: '접수 기간이 아닙니다.' },
  BUDGET_EXCEEDED: { status: 409, ko: '사업 예산을 초과합니다.' },
  VOUCHER_EXHAUSTED: { status: 409, ko: '바우처 잔액이 부족합니다.' },
  VOUCHER_EXPIRED: { status: 409, ko: '바우처 사용 기간이 아닙니다.' },
  RELATED_PARTY: { status: 409, ko: '특수관계인 기관 사이에서는 할 수 없는 거래입니다.' },
  PRICE_CHANGED: {
    status: 409,
    ko: '견적 이후 가격이 바뀌었습니다. 새 견적을 확인한 뒤 다시 주문해 주세요.',
  },
  ALREADY_ENTITLED: { status: 409, ko: '이미 이용 권한을 가진 상품입니다.' },
  ORDER_IN_PROGRESS: { status: 409, ko: '이 상품의 결제 대기 중인 주문이 이미 있습니다.' },
  ORGANIZATION_NOT_VERIFIED: {
    status: 409,
    ko: '운영기관의 기업 확인(정상 영업, 체납 없음)을 받은 기관만 할 수 있습니다.',
  },
  CATEGORY_UNCONFIRMED: { status: 409, ko: '운영기관이 기업 구분을 확인하지 않았습니다.' },
  UPLOAD_INCOMPLETE: { status: 409, ko: '업로드되지 않은 파트가 있습니다.' },
  NOT_PURCHASABLE: { status: 409, ko: '구매할 수 없는 상품입니다.' },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    status: 502,
    ko: '결제 서비스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  },
  INVALID_SIGNATURE: { status: 400, ko: '웹훅 서명이 올바르지 않습니다.' },
  NOT_IN_POOL: { status: 422, ko: '가공기업 Pool에 등록되지 않은 기관입니다.' },
  PROCESSOR_SUSPENDED: { status: 409, ko: '활동이 정지된 가공기업입니다.' },
  PROCESSOR_AT_CAPACITY: {
    status: 409,
    ko: '가공기업이 동시에 수행할 수 있는 과제 수를 넘었습니다.',
  },
  NOT_LISTED: { status: 409, ko: '가공 결과 상품이 거래소에 등록되어야 합니다.' },
  NOT_ENTITLED: { status: 403, ko: '이 상품을 내려받을 권한이 없습니다.' },
  CHECKSUM_MISMATCH: { status: 422, ko: '파일 체크섬이 일치하지 않습니다.' },
  VERSION_SEALED: { status: 409, ko: '봉인된 버전은 변경할 수 없습니다.' },
  VERSION_NOT_SEALED: { status: 409, ko: '봉인된 버전만 상품으로 등록할 수 있습니다.' },
  QUALITY_NOT_PASSED: { status: 409, ko: '품질 검증을 통과한 버전만 상품으로 등록할 수 있습니다.' },
  LISTING_LOCKED: { status: 409, ko: '의무 등록 기간(1년) 중에는 판매 중지할 수 없습니다.' },
  NOTIFICATION_MANDATORY: {
    status: 422,
    ko: '이 알림은 끌 수 없습니다. 돈이나 결정에 관한 알림은 항상 앱과 메일로 보냅니다.',
  },
  WEBHOOK_URL_REFUSED: {
    status: 422,
    ko: '이 주소로는 웹훅을 보낼 수 없습니다. 외부에서 접근할 수 있는 HTTPS 주소를 입력해 주세요.',
  },
  ACCESS_NOT_APPROVED: {
    status: 403,
    ko: '판매자의 승인이 필요한 상품입니다. 상품 페이지에서 이용 신청을 하고 승인을 받은 뒤 구매해 주세요.',
  },
  ACCESS_NOT_REQUIRED: {
    status: 409,
    ko: '이 상품은 승인 없이 바로 구매할 수 있습니다.',
  },
  ACCESS_REQUEST_OPEN: {
    status: 409,
    ko: '이 상품에 대한 이용 신청이 이미 진행 중이거나 승인되어 있습니다.',
  },
  ACCESS_COOLDOWN: {
    status: 409,
    ko: '거절된 뒤 다시 신청할 수 있는 날짜가 아직 되지 않았습니다.',
  },
  RATE_LIMITED: { status: 429, ko: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.' },
  INTERNAL_ERROR: { status: 500, ko: '서버 오류가 발생했습니다. 요청 ID와 함께 문의해 주세요.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    ko: '일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  },
} as const satisfies Record<string, { status: number; ko: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
