from django.http import Http404
from django.shortcuts import render

from innopilot.accounts import access
from innopilot.standards import selectors
from innopilot.standards.models import StandardLibrary


@access.require(access.can_view_standards)
def library_list(request):
    return render(request, "standards/library_list.html", {"libraries": selectors.libraries()})


@access.require(access.can_view_standards)
def library_detail(request, pk: int):
    library = StandardLibrary.objects.filter(pk=pk).first()
    if library is None:
        raise Http404
    return render(request, "standards/library_detail.html", {"tree": selectors.library_tree(library)})
