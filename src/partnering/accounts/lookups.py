"""Whole model rows read with SQL written once, for the lookups of every signed-in request.

Reading the API token (and its user) for each call with a token, and the user of each
session, through the ORM cost more in building the query than in running it. These read the
same columns, pass them through the same converters the ORM would use (aware datetimes,
booleans, ...) and build the instances with `Model.from_db`, as the ORM does."""

from django.db import connection, connections


def _column_converters(field):
    column = field.get_col(field.model._meta.db_table)
    return [*connection.ops.get_db_converters(column),
            *column.get_db_converters(connection)], column


class PreparedRows:
    """`SELECT` every column of `models` (the first joined to the others by the given
    foreign keys) `WHERE <first table>.<column> = %s`; the instances, the later ones cached
    on the first as its related objects."""

    def __init__(self, model, column: str, joins: tuple[str, ...] = ()):
        quote = connection.ops.quote_name
        table = model._meta.db_table
        links = [model._meta.get_field(name) for name in joins]
        self.models = [model, *(link.related_model for link in links)]
        self.joins = joins
        fields = [field for each in self.models for field in each._meta.concrete_fields]
        # Only the columns that need converting (dates, booleans...), by position.
        self.converters = [(position, *converters) for position, converters in enumerate(
            _column_converters(field) for field in fields) if converters[0]]
        self.widths = [len(each._meta.concrete_fields) for each in self.models]
        selected = ", ".join(f"{quote(field.model._meta.db_table)}.{quote(field.column)}"
                             for field in fields)
        joined = "".join(
            f" INNER JOIN {quote(link.related_model._meta.db_table)} ON {quote(table)}."
            f"{quote(link.column)} = {quote(link.related_model._meta.db_table)}."
            f"{quote(link.related_model._meta.pk.column)}" for link in links)
        self.sql = (f"SELECT {selected} FROM {quote(table)}{joined} "  # noqa: S608
                    f"WHERE {quote(table)}.{quote(column)} = %s")

    def get(self, value, db: str = "default"):
        """The first model's instance (related ones attached), or None."""
        with connections[db].cursor() as cursor:
            cursor.execute(self.sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for position, converters, column in self.converters:
            values[position] = _convert(values[position], converters, column)
        instances, start = [], 0
        for model, width in zip(self.models, self.widths, strict=True):
            instances.append(model.from_db(db, None, values[start:start + width]))
            start += width
        for name, related in zip(self.joins, instances[1:], strict=True):
            setattr(instances[0], name, related)
        return instances[0]


def _convert(value, converters, column):
    for convert in converters:
        value = convert(value, column, connection)
    return value
