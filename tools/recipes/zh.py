def build_howtocook(db, src, here, log, stats):
    return []
