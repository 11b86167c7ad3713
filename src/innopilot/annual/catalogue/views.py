from django.shortcuts import get_object_or_404, render

from innopilot.accounts import access
from innopilot.annual.catalogue import selectors
from innopilot.annual.models import IndicatorCatalogue


@access.require(access.can_view_catalogues)
def catalogue_list(request):
    return render(request, "annual/catalogue/list.html", {"catalogues": selectors.catalogues()})


@access.require(access.can_view_catalogues)
def catalogue_detail(request, pk: int):
    catalogue = get_object_or_404(IndicatorCatalogue, pk=pk)
    return render(request, "annual/catalogue/detail.html", {"page": selectors.catalogue_page(catalogue)})
