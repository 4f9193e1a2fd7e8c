from .base import BasePage
from .licences import Licence, LicensedMixin
from .navigation import Footer, FooterLink, MainMenu, MenuItem
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings
from .taxonomy import Lever

__all__ = [
    "BasePage",
    "Footer",
    "FooterLink",
    "HomePage",
    "Lever",
    "Licence",
    "LicensedMixin",
    "MainMenu",
    "MenuItem",
    "SiteSettings",
    "StandardPage",
]
