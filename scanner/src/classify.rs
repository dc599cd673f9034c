//! Which kind of document a page is.
