"""Masking of personal contact details on pages and exports for roles that do not need them."""


def mask_mobile(mobile: str) -> str:
    """13812345678 → 138****5678."""
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) >= 8 else "*" * len(mobile)


def mask_email(email: str) -> str:
    """zhang.san@example.cn → z***@example.cn."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}***{at}{domain}" if at else "***"
