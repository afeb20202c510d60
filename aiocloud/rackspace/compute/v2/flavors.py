"""Rackspace flavors: OpenStack's, with the class and disks Rackspace says in extra specs.

```python
async for flavor in flavors.list(compute, flavors.ListOpts(min_ram=2048)):
    print(flavor.id, flavor.name, flavor.flavor_class, flavor.number_of_data_disks)
io1 = await flavors.get(compute, "io1-15")
```

Rackspace answers every flavor with ``OS-FLV-WITH-EXT-SPECS:extra_specs``
(``class``, ``policy_class``, ``disk_io_index``, ``number_of_data_disks``,
...), an integer ``rxtx_factor`` and ``swap`` as ``""`` when there is none
(read as 0). Listing, reading and name lookup are OpenStack's.
"""

from __future__ import annotations

import attrs

from ...._resource import Collection
from ....errors import ResponseFormatError
from ....models import json_key
from ....openstack.compute.v2 import flavors as _flavors
from ....openstack.compute.v2.flavors import ListOpts, id_from_name

__all__ = ["Flavor", "ListOpts", "get", "id_from_name", "list"]


@attrs.frozen
class Flavor(_flavors.Flavor):
    """A Rackspace flavor; ``extra_specs`` is Rackspace's ``OS-FLV-WITH-EXT-SPECS:extra_specs``.

    The properties read the specs Rackspace documents; each is None when the
    flavor lacks it.
    """

    extra_specs: dict[str, str] | None = json_key("OS-FLV-WITH-EXT-SPECS:extra_specs", default=None)

    @property
    def flavor_class(self) -> str | None:
        """The flavor's class: ``general1``, ``compute1``, ``memory1``, ``io1``, ``onmetal``..."""
        return self._spec("class")

    @property
    def policy_class(self) -> str | None:
        """The policy class (``performance_flavor``, ``standard_flavor``, ...)."""
        return self._spec("policy_class")

    @property
    def resize_policy_class(self) -> str | None:
        """The flavors it may be resized to share this policy class."""
        return self._spec("resize_policy_class")

    @property
    def number_of_data_disks(self) -> int | None:
        """How many data disks come with it, besides the system disk."""
        return self._int_spec("number_of_data_disks")

    @property
    def disk_io_index(self) -> int | None:
        """Relative disk I/O performance, 0 to 99: higher is faster."""
        return self._int_spec("disk_io_index")

    def _spec(self, key: str) -> str | None:
        return (self.extra_specs or {}).get(key)

    def _int_spec(self, key: str) -> int | None:
        value = self._spec(key)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise ResponseFormatError(
                f"extra spec {key!r} is not an integer: {value!r:.100}"
            ) from None


_rax_flavors = Collection(Flavor, "flavor", "flavors", list_path=("detail",))

list = _rax_flavors.lister(
    ListOpts, "Flavors with their details (``GET /flavors/detail``), page by page."
)
get = _rax_flavors.getter("One flavor by id (``performance1-1``, ``general1-8``, ...).")
