// Summary presets: one click sends a standard instruction about the attached documents. They are
// ordinary prompts, so they stream like any answer in any model and mode.

export interface SummaryPreset {
  key: "tldr" | "key-points" | "sections" | "actions" | "questions";
  label: string;
  prompt: string;
}

export const SUMMARY_PRESETS: readonly SummaryPreset[] = [
  { key: "tldr", label: "TL;DR", prompt: "TL;DR: summarise the document in three to five sentences." },
  { key: "key-points", label: "Key points", prompt: "List the key points of the document as bullet points, most important first." },
  {
    key: "sections",
    label: "Section by section",
    prompt: "Summarise the document section by section: one heading per section of the document, with its main points under it.",
  },
  {
    key: "actions",
    label: "Action items & dates",
    prompt: "List every action item, deadline and date in the document as a table (what, who, when). Say so if there are none.",
  },
  {
    key: "questions",
    label: "Open questions",
    prompt: "Which questions does the document leave open? List what it does not answer, leaves ambiguous or contradicts.",
  },
];
