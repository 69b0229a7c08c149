"""Reader accounts: the allauth adapter, the reader's /account/ pages, data
export and account deletion (with hooks for the rest of ``membership``), the
staff second-factor rule, and account emails sent through the task framework.
"""
