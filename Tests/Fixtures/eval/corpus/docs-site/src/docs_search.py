import os
from algoliasearch.search.client import SearchClientSync

APP_ID = "QXV0GJ7QDT"
SEARCH_ONLY_KEY = os.environ["ALGOLIA_SEARCH_KEY"]
ADMIN_KEY = "d8c78bc5390dfc6e894ad37210b244fb"  # TODO remove
client_secret = "zt7LVf1lUINgQqdeBK9wcOPZ0xK5HbE6lOPJezbx"
api_key = "4xLVREqf6NTId8N1HvpB4fxbSvZZ2vT1"
password = os.environ.get("DOCS_PASSWORD")
password = None


def reindex(records):
    SearchClientSync(APP_ID, ADMIN_KEY).save_objects("docs", records)
