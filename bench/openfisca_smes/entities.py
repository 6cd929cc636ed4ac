"""The one entity of the model: an enterprise, for one reference year."""

from openfisca_core.entities import build_entity

Enterprise = build_entity(
    key="enterprise",
    plural="enterprises",
    label="An enterprise (企业) for one reference year",
    is_person=True,
)

entities = [Enterprise]
