"""Table shapes and transforms, one module per reader shape; each registers itself (ingest.rules.registry)."""
