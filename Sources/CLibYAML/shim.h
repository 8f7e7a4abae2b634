#ifndef CRMGEN_CLIBYAML_SHIM_H
#define CRMGEN_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
