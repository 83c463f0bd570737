"""The congress's URLs, gathered from its features under one namespace."""

from .editions.urls import urlpatterns as editions
from .privacy.urls import urlpatterns as privacy
from .proposals.urls import urlpatterns as proposals
from .registrations.urls import urlpatterns as registrations
from .staff.urls import urlpatterns as staff

app_name = "congress"
urlpatterns = [*editions, *registrations, *privacy, *proposals, *staff]
