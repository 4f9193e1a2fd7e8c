from .base import BasePage
from .navigation import Footer, FooterLink, MainMenu, MenuItem
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings

__all__ = [
    "BasePage",
    "Footer",
    "FooterLink",
    "HomePage",
    "MainMenu",
    "MenuItem",
    "SiteSettings",
    "StandardPage",
]
