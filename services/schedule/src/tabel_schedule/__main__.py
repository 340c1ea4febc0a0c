from tabel_platform.service import main
from tabel_schedule.bootstrap import SPEC

main(SPEC)
