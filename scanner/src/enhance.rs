//! Flattening, orienting and cleaning a page.
