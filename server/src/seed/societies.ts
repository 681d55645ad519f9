/** Regional learned societies (区直学会) under the association; demo uses these real names. */
export const SOCIETIES: { zh: string; mn: string | null }[] = [
  { zh: '内蒙古自治区农学会', mn: null },
  { zh: '内蒙古自治区医学会', mn: null },
  { zh: '内蒙古畜牧兽医学会', mn: null },
  { zh: '内蒙古草学会', mn: null },
  { zh: '内蒙古自治区计算机学会', mn: null },
  { zh: '内蒙古自治区地质学会', mn: null },
  { zh: '内蒙古自治区气象学会', mn: null },
  { zh: '内蒙古自治区林学会', mn: null },
  { zh: '内蒙古自治区水利学会', mn: null },
  { zh: '内蒙古自治区蒙医药学会', mn: 'ᠮᠣᠩᠭᠣᠯ ᠡᠮ ᠳᠣᠮ ᠤᠨ ᠡᠷᠳᠡᠮ ᠦᠨ ᠨᠡᠢᠭᠡᠮᠯᠢᠭ'.replace(/ (ᠤᠨ|ᠦᠨ)/g, '\u202f$1') },
  { zh: '内蒙古自治区科普作家协会', mn: null },
  { zh: '内蒙古自治区电机工程学会', mn: null },
  { zh: '内蒙古自治区化学会', mn: null },
  { zh: '内蒙古自治区数学会', mn: null },
  { zh: '内蒙古自治区煤炭学会', mn: null },
  { zh: '内蒙古自治区稀土学会', mn: null },
  { zh: '内蒙古自治区青少年科技教育协会', mn: null },
  { zh: '内蒙古自治区蒙古语言文字学会', mn: null },
];

/** The report counts about 110 regional societies; region scale fills up to this number. */
export const REGION_SOCIETY_COUNT = 110;
