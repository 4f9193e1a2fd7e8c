from .base import BasePage
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
    "MainMenu",
    "MenuItem",
    "SiteSettings",
    "StandardPage",
]
