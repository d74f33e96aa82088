"""What people look at: the notebook display of a result and the corpus summary."""
