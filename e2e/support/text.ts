/** Text without whitespace: compares rendered answers whose line layout may differ (highlighted code). */
export const squash = (text: string): string => text.replace(/\s+/g, "");
