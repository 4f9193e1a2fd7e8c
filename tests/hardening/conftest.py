def is_html_page(response):
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")
