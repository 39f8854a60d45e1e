app_name = "perks"
urlpatterns = []
