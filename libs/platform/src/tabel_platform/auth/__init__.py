from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.auth.tokens import InvalidToken, TokenValidator

__all__ = ["InvalidToken", "Principal", "TokenValidator", "current_principal"]
