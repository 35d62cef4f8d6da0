export { parsePlan, Plan, ObjectChange, FieldChange, ChangeOp } from "./plan";
export { renderSummary, SummaryOptions } from "./markdown";
export { risks } from "./risks";
export { driftReport, renderDriftText, renderDriftMarkdown, DriftReport, DriftItem } from "./drift";
