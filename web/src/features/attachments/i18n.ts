import type { Texts } from '../../app/i18n/texts';

/** 附件: what every list of uploaded files says the same way, whatever the files are. */
export const zhCN = {
  'attachments.uploading': '正在上传…',
} as const;

export const en: Texts<typeof zhCN> = {
  'attachments.uploading': 'Uploading…',
};
