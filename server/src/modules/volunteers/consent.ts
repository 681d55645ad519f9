import type { ConsentPurpose } from './tables.js';

/**
 * The texts a person agrees to, one per purpose, each with a version. PIPL asks for a separate
 * consent to process sensitive personal information (art. 29) and a guardian's consent for a child
 * under 14 (art. 31); the record keeps which text was shown. Changing a text means a new version,
 * and consents given to an older version stay as they were given.
 */
export const CONSENT_TEXTS: Record<ConsentPurpose, { version: string; zh: string; en: string }> = {
  id_number: {
    version: 'id-2026-12-v1',
    zh: '本人同意内蒙古自治区科学技术协会及所属组织为志愿者实名登记、志愿服务时长记录和证明出具之目的，处理本人的居民身份证号码。身份证号码属于敏感个人信息，仅本组织管理员可查看完整号码，每次查看均留有记录。本人可随时撤回同意，撤回后号码即被删除，但不影响撤回前基于同意已进行的处理。',
    en: 'I agree that the Inner Mongolia Association for Science and Technology and its member organisations process my resident ID number for real-name volunteer registration, recording service hours and issuing certificates. The ID number is sensitive personal information: only administrators of my organisation can see it in full, and every look is recorded. I may withdraw this consent at any time; the number is then deleted. Withdrawal does not affect processing carried out before it.',
  },
  health: {
    version: 'health-2026-12-v1',
    zh: '本人同意为安排适合的志愿服务岗位和保障服务安全之目的，提供并由本组织处理本人的健康状况信息。健康信息属于敏感个人信息，仅本组织管理员可查看，每次查看均留有记录。本人可随时撤回同意，撤回后该信息即被删除。',
    en: 'I agree to provide my health information, processed by my organisation only to assign suitable volunteer tasks and keep me safe in service. Health information is sensitive personal information: only administrators of my organisation can see it, and every look is recorded. I may withdraw this consent at any time; the information is then deleted.',
  },
  minor: {
    version: 'minor-2026-12-v1',
    zh: '本人作为未满十四周岁儿童的监护人，同意为青少年科普志愿服务的登记、活动安排和时长记录之目的，处理该儿童的个人信息。本人可随时撤回同意，撤回后该儿童的志愿者登记即被停用，敏感信息即被删除。',
    en: 'As the guardian of a child under fourteen, I agree that the child’s personal information is processed to register the child for youth science volunteering, arrange activities and record service hours. I may withdraw this consent at any time; the child’s registration is then deactivated and sensitive information deleted.',
  },
};

/** Under this age a child's personal information needs a guardian's consent (PIPL art. 31). */
export const CHILD_AGE = 14;
