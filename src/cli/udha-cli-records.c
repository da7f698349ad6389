/* placeholder */
#include "config.h"
#include "udha-cli.h"
