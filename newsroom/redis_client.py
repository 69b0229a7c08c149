"""Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for
every cache call; its constructor fills a table of about 170 response
callbacks, which costs about as much CPU as the call's own round trip (a
cold reader page makes some 25 cache calls). A client is only a handle on
its pool, safe to share between threads, and its pool reconnects after a
fork: so each pool's client is made once and kept.
"""

from django.core.cache.backends.redis import RedisCacheClient


class KeptClients(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client
