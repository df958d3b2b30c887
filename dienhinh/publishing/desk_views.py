from django.http import HttpResponse


def desk(request):
    return HttpResponse("")
