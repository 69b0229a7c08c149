from membership.models.users import User, UserManager, normalize_email_address

__all__ = ["User", "UserManager", "normalize_email_address"]
