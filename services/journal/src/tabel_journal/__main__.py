from tabel_journal.bootstrap import SPEC
from tabel_platform.service import main

main(SPEC)
