from tabel_platform.service import main
from tabel_roster.bootstrap import SPEC

main(SPEC)
