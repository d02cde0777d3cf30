from danvan.accounts.current import lazy_current_unit


class CurrentUnitMiddleware:
    """Makes `request.current_unit` available, resolved on first use (test it with truthiness)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_unit = lazy_current_unit(request)
        return self.get_response(request)
