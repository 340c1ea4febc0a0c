from tabel_platform.service import main
from tabel_reporting.bootstrap import SPEC

main(SPEC)
