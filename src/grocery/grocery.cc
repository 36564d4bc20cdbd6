// Placeholder translation unit until the first grocery source lands.
