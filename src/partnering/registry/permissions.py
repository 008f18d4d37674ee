"""Who may change what in the registry."""


def person_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def can_edit_organisation(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    person = person_of(user)
    return bool(person and person.is_organisation_admin
                and person.organisation_id == organisation.pk)


def can_create_organisation(user) -> bool:
    return user.is_authenticated


def can_create_person(user) -> bool:
    return user.is_authenticated


def can_edit_person(user, person) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or (person.user_id is not None and person.user_id == user.pk):
        return True
    own = person_of(user)
    return bool(own and own.is_organisation_admin and person.organisation_id
                and own.organisation_id == person.organisation_id)


def can_grant_admin(user, organisation_id) -> bool:
    """Only platform admins and the organisation's own admins make organisation admins."""
    if user.is_superuser:
        return True
    own = person_of(user)
    return bool(own and own.is_organisation_admin and own.organisation_id == organisation_id)
