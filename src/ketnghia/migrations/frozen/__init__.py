"""What released migrations need from the rest of ketnghia, copied as it was when each was
released: a migration must do tomorrow what it did the day it shipped, whatever later versions
of the services, the models or the text rules do."""
