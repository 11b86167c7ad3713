"""Each managing unit's work mechanism (工作协同机制) and the city's table of all of them."""
