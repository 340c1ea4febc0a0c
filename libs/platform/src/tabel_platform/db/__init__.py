from tabel_platform.db.database import Database
from tabel_platform.db.uow import UnitOfWork

__all__ = ["Database", "UnitOfWork"]
