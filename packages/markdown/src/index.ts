export { anchorAllocator, slugify } from './anchors';
export { renderMarkdown, renderSection } from './render';
export { INTRODUCTION_ANCHOR, plainHeading, type Section, splitSections } from './sections';
