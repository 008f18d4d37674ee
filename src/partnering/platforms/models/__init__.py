"""The models of platforms, in pieces (platforms and forums, consultations, items, answers)."""

from partnering.platforms.models.answers import Answer, AnswerDelivery, HeardResponse
from partnering.platforms.models.consultations import (
    Consultation,
    ConsultationInvitation,
    ConsultationSection,
    Submission,
    token_hash,
)
from partnering.platforms.models.facts import LoopFact
from partnering.platforms.models.items import Item, ItemOrigin, ItemStep
from partnering.platforms.models.platforms import (
    Forum,
    ForumLevel,
    ForumMeeting,
    ForumMembership,
    Platform,
    validate_time_zone,
)

__all__ = ["Answer", "AnswerDelivery", "Consultation", "ConsultationInvitation",
           "ConsultationSection", "Forum", "ForumLevel", "ForumMeeting", "ForumMembership",
           "HeardResponse", "Item", "LoopFact", "ItemOrigin", "ItemStep", "Platform", "Submission",
           "token_hash", "validate_time_zone"]
