"""Identity's messages for people (Russian first)."""

from tabel_platform.i18n import register

register(
    {
        "ru": {
            "identity.school_not_known": "Школа ещё не известна сервису входа.",
            "identity.realm_unknown": "Такой области входа (realm) нет.",
            "identity.page.title": "Вход в «Табель»",
            "identity.login.heading": "Вход в электронный журнал",
            "identity.login.username": "Имя пользователя",
            "identity.login.password": "Пароль",
            "identity.login.submit": "Войти",
            "identity.login.forgot": "Забыли пароль? Обратитесь к администратору своей школы.",
            "identity.login.invalid": "Неверное имя пользователя или пароль.",
            "identity.login.locked": "Слишком много неудачных попыток: вход заблокирован. "
            "Повторите через {minutes} мин. или обратитесь к администратору школы.",
            "identity.login.too_many": "Слишком много попыток входа с этого адреса. "
            "Подождите минуту и повторите.",
            "identity.login.stale_heading": "Страница входа устарела",
            "identity.login.stale": "Откройте страницу входа заново и повторите вход.",
            "identity.login.bad_request_heading": "Некорректный запрос на вход",
            "identity.login.bad_request": "Приложение, которое открыло эту страницу, передало "
            "неверные параметры ({error}: {description}). Сообщите в поддержку.",
            "identity.password.heading": "Смените пароль",
            "identity.password.explain": "Вы вошли с временным паролем. "
            "Придумайте новый пароль, чтобы продолжить.",
            "identity.password.new": "Новый пароль",
            "identity.password.repeat": "Повторите новый пароль",
            "identity.password.rules": "Не короче 8 символов, хотя бы одна буква и одна цифра, "
            "без имени пользователя.",
            "identity.password.submit": "Сменить пароль и войти",
            "identity.password.mismatch": "Пароли не совпадают.",
            "identity.password.ticket_expired": "Время на смену пароля истекло. Войдите заново.",
            "identity.password.too_short": "Пароль короче 8 символов.",
            "identity.password.too_long": "Пароль длиннее 128 символов.",
            "identity.password.needs_letter": "В пароле нужна хотя бы одна буква.",
            "identity.password.needs_digit": "В пароле нужна хотя бы одна цифра.",
            "identity.password.contains_username": "Пароль не должен содержать имя пользователя.",
            "identity.password.too_common": "Этот пароль слишком распространён.",
            "identity.password.same_as_current": "Новый пароль совпадает с текущим.",
            "identity.password.weak": {
                "one": "Пароль не подходит: нарушено {count} правило.",
                "few": "Пароль не подходит: нарушено {count} правила.",
                "many": "Пароль не подходит: нарушено {count} правил.",
                "other": "Пароль не подходит: нарушено {count} правила.",
            },
            "identity.logout.heading": "Вы вышли",
            "identity.logout.done": "Сеанс завершён. Эту вкладку можно закрыть.",
            "identity.invalid_credentials": "Неверное имя пользователя или пароль.",
            "identity.account_locked": "Вход временно заблокирован после неудачных попыток.",
            "identity.account_not_found": "Учётная запись не найдена.",
            "identity.invalid_username": "Имя пользователя: 3–64 символа, буквы, цифры, . _ - @ +",
            "identity.username_taken": "Такое имя пользователя уже занято.",
            "identity.grant_exists": "Такая роль уже назначена.",
            "identity.grant_not_found": "Назначение роли не найдено.",
            "identity.unknown_permission": "Неизвестное право.",
            "identity.client.invalid_scope": "Внешней системе школы можно дать только права "
            "чтения OneRoster 1.2 (roster-core.readonly, roster.readonly, "
            "roster-demographics.readonly).",
            "identity.client.not_found": "Такой действующей внешней системы у школы нет.",
            "identity.client.in_keycloak": "Вход в регионе идёт через Keycloak: внешние "
            "системы регистрирует администратор Keycloak.",
            "identity.grant.platform_role": "Роли региона не назначаются администратором школы.",
            "identity.grant.platform_permission": "Права уровня региона нельзя выдать в школе.",
            "identity.grant.class_teacher_needs_class": "Классного руководителя назначают "
            "на класс.",
            "identity.grant.scope_not_for_role": "Эту роль нельзя ограничить таким образом.",
            "identity.grant.last_administrator": "Нельзя снять последнего администратора школы.",
            "identity.grant.protected_permission": "Это право администратора нельзя убрать.",
            "identity.grant.added_and_removed": "Одно право нельзя и добавить, и убрать.",
            "identity.grant.own_rights": "Свои права сузить нельзя.",
            "identity.code.code_invalid": "Неверный код.",
            "identity.code.code_used": "Код уже использован.",
            "identity.code.code_revoked": "Код отозван.",
            "identity.code.code_expired": "Срок действия кода истёк.",
            "identity.code.code_other_school": "Этот код выдан для другой школы.",
            "identity.code.code_not_live": "Код уже использован или отозван.",
            "identity.code.school_already_active": "Школа уже активирована.",
            "identity.code.host_unknown": "По этому адресу школа не найдена.",
            "identity.code.code_attempts_slowed": "Слишком много неверных кодов. "
            "Повторите через {retry_after_s} с.",
            "identity.code.code_attempts_locked": "Ввод кодов временно заблокирован. "
            "Повторите через {retry_after_s} с.",
            "identity.person_not_known": "Человек ещё не известен сервису входа.",
            "identity.class_not_known": "Класс ещё не известен сервису входа.",
            "identity.person_has_account": "У этого человека уже есть вход; при утере "
            "пароля администратор выдаёт временный.",
            "identity.grant.role_not_for_person": "Эта роль не подходит этому человеку "
            "(ученик, родитель или сотрудник).",
        },
        "en": {
            "identity.school_not_known": "The school is not known to identity yet.",
            "identity.realm_unknown": "There is no such realm.",
            "identity.page.title": "Log in to Tabel",
            "identity.login.heading": "Log in to the class journal",
            "identity.login.username": "Username",
            "identity.login.password": "Password",
            "identity.login.submit": "Log in",
            "identity.login.forgot": "Forgot your password? Ask your school's administrator.",
            "identity.login.invalid": "Wrong username or password.",
            "identity.login.locked": "Too many failed attempts: login is locked. "
            "Try again in {minutes} min or ask your school's administrator.",
            "identity.login.too_many": "Too many login attempts from this address. "
            "Wait a minute and try again.",
            "identity.login.stale_heading": "The login page has expired",
            "identity.login.stale": "Open the login page again and retry.",
            "identity.login.bad_request_heading": "Invalid login request",
            "identity.login.bad_request": "The application that opened this page sent invalid "
            "parameters ({error}: {description}). Please tell support.",
            "identity.password.heading": "Change your password",
            "identity.password.explain": "You logged in with a temporary password. "
            "Choose a new one to continue.",
            "identity.password.new": "New password",
            "identity.password.repeat": "Repeat the new password",
            "identity.password.rules": "At least 8 characters, a letter and a digit, "
            "not containing the username.",
            "identity.password.submit": "Change password and log in",
            "identity.password.mismatch": "The passwords do not match.",
            "identity.password.ticket_expired": "The time to change the password ran out; "
            "log in again.",
            "identity.password.too_short": "The password is shorter than 8 characters.",
            "identity.password.too_long": "The password is longer than 128 characters.",
            "identity.password.needs_letter": "The password needs a letter.",
            "identity.password.needs_digit": "The password needs a digit.",
            "identity.password.contains_username": "The password must not contain the username.",
            "identity.password.too_common": "This password is too common.",
            "identity.password.same_as_current": "The new password equals the current one.",
            "identity.password.weak": {
                "one": "The password is not acceptable: {count} rule broken.",
                "other": "The password is not acceptable: {count} rules broken.",
            },
            "identity.logout.heading": "You have logged out",
            "identity.logout.done": "The session has ended. You can close this tab.",
            "identity.invalid_credentials": "Wrong username or password.",
            "identity.account_locked": "Login is temporarily locked after failed attempts.",
            "identity.account_not_found": "No such account.",
            "identity.invalid_username": "Username: 3-64 letters, digits or . _ - @ +",
            "identity.username_taken": "This username is taken.",
            "identity.grant_exists": "This role is already granted.",
            "identity.grant_not_found": "No such grant.",
            "identity.unknown_permission": "Unknown permission.",
            "identity.grant.platform_role": "Region roles are not granted by a school.",
            "identity.grant.platform_permission": "Region permissions cannot be given in a school.",
            "identity.grant.class_teacher_needs_class": "A class teacher is granted for a class.",
            "identity.grant.scope_not_for_role": "This role cannot be narrowed this way.",
            "identity.grant.last_administrator": "The school's last administrator stays.",
            "identity.grant.protected_permission": "This administrator right cannot be removed.",
            "identity.grant.added_and_removed": "A right cannot be both added and removed.",
            "identity.grant.own_rights": "One cannot narrow one's own rights.",
            "identity.code.code_invalid": "Wrong code.",
            "identity.code.code_used": "The code has been used.",
            "identity.code.code_revoked": "The code has been revoked.",
            "identity.code.code_expired": "The code has expired.",
            "identity.code.code_other_school": "This code is for another school.",
            "identity.code.code_not_live": "The code is used or revoked.",
            "identity.code.school_already_active": "The school is already active.",
            "identity.code.host_unknown": "No school is served at this address.",
            "identity.code.code_attempts_slowed": "Too many wrong codes. "
            "Retry in {retry_after_s} s.",
            "identity.code.code_attempts_locked": "Entering codes is locked for now. "
            "Retry in {retry_after_s} s.",
            "identity.person_not_known": "The person is not known to identity yet.",
            "identity.class_not_known": "The class is not known to identity yet.",
            "identity.person_has_account": "This person already has a login; an "
            "administrator issues a temporary password if it is lost.",
            "identity.grant.role_not_for_person": "This role does not fit this person "
            "(student, guardian or staff).",
        },
    }
)
