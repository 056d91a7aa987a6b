// DOCX rendering of an OfficialDocument: the parts live in ./docx/.
export * from './docx/blocks';
