from tabel_identity.bootstrap import SPEC
from tabel_platform.service import main

main(SPEC)
