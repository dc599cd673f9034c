//! The page outline in a frame and whether it is ready to be captured.
