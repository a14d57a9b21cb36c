// Made by Tests/api/check_openapi.py --write from openapi.yaml; do not edit (CI checks it).
extension APIDocument {
    /// The OpenAPI document served at `/api/v1/openapi.json`.
    static let text = #"""
{
  "openapi": "3.0.3",
  "info": {
    "title": "Zicht API",
    "version": "1.0.0",
    "description": "De API van de werkomgeving van Zicht: documenten van de planning-en-controlcyclus, hun pagina's\nmet secties en versies, exports en publicaties, indicatoren en financiële tabellen, en voor de\nbeheerder de gebruikers en het auditlog.\n\nVolgt de NL GOV API Design Rules (versie 2): Nederlandstalige resources in kebab-case, de\nhoofdversie in het pad, een `API-Version`-header bij elk antwoord, tijden in UTC, fouten als\n`application/problem+json`, en dit document openbaar op `/api/v1/openapi.json`.\n\nToegang met een persoonlijk API-token (`Authorization: Bearer …`). Een token maakt en trekt u in\nop de werkomgeving (pagina \"API-tokens\"); het heeft de rechten van uw rollen, niet meer. De API\nhoudt geen sessie bij: elk verzoek draagt zijn token. Elk verzoek wordt op de server gecontroleerd\nop recht per object; een object waar u geen recht op hebt, geeft 404, net als een object dat niet\nbestaat.\n",
    "contact": {
      "name": "Zicht",
      "url": "https://example.org/zicht",
      "email": "zicht@example.org"
    },
    "license": {
      "name": "EUPL-1.2",
      "url": "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"
    }
  },
  "servers": [
    {
      "url": "https://zicht.example.nl/api/v1",
      "description": "Voorbeeld; de eigen werkomgeving van de gemeente, achter TLS."
    }
  ],
  "security": [
    {
      "apiToken": []
    }
  ],
  "tags": [
    {
      "name": "documenten",
      "description": "Documenten van de cyclus en hun pagina's."
    },
    {
      "name": "publicatie",
      "description": "Exports en publicaties."
    },
    {
      "name": "cijfers",
      "description": "Indicatoren en financiële tabellen, zoals de publieke site ze toont."
    },
    {
      "name": "beheer",
      "description": "Gebruikers en auditlog, alleen voor de beheerder."
    },
    {
      "name": "tokens",
      "description": "De eigen API-tokens."
    }
  ],
  "paths": {
    "/openapi.json": {
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "getOpenapi",
        "summary": "Dit document",
        "security": [],
        "responses": {
          "200": {
            "description": "Het OpenAPI-document (zonder inloggen, CORS open).",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              },
              "Access-Control-Allow-Origin": {
                "$ref": "#/components/headers/Access-Control-Allow-Origin"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten": {
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "listDocumenten",
        "summary": "Alle documenten van het project",
        "responses": {
          "200": {
            "description": "De documenten, op jaar en soort.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "documenten"
                  ],
                  "properties": {
                    "documenten": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Document"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        }
      ],
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "getDocument",
        "summary": "Eén document",
        "responses": {
          "200": {
            "description": "Het document.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Document"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}/paginas": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        }
      ],
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "listPaginas",
        "summary": "De pagina's van een document, in de volgorde van de boom",
        "responses": {
          "200": {
            "description": "De pagina's.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "paginas"
                  ],
                  "properties": {
                    "paginas": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/PaginaSamenvatting"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}/paginas/{paginaId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        },
        {
          "$ref": "#/components/parameters/paginaId"
        }
      ],
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "getPagina",
        "summary": "Eén pagina met haar kenmerken, secties en nieuwste versie",
        "responses": {
          "200": {
            "description": "De pagina.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Pagina"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      },
      "put": {
        "tags": [
          "documenten"
        ],
        "operationId": "savePagina",
        "summary": "Een nieuwe versie van de tekst van een pagina opslaan",
        "description": "De tekst wordt gecontroleerd door de site ermee te bouwen, zoals `zicht build` doet. Lukt dat niet,\ndan wordt niets opgeslagen (422, met de problemen en hun plaats). Is de pagina na `basisversie`\ndoor iemand anders opgeslagen, dan wordt niets opgeslagen (409); de tekst wordt wel bewaard als\nconflictkopie.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NieuweVersie"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Opgeslagen.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Versie"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/BuildProblems"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}/paginas/{paginaId}/versies": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        },
        {
          "$ref": "#/components/parameters/paginaId"
        }
      ],
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "listVersies",
        "summary": "Elke opgeslagen versie van een pagina, de nieuwste eerst",
        "responses": {
          "200": {
            "description": "De versies (zonder tekst).",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "versies"
                  ],
                  "properties": {
                    "versies": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Versie"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}/paginas/{paginaId}/versies/{versie}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        },
        {
          "$ref": "#/components/parameters/paginaId"
        },
        {
          "name": "versie",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1
          },
          "example": 1
        }
      ],
      "get": {
        "tags": [
          "documenten"
        ],
        "operationId": "getVersie",
        "summary": "Eén versie van een pagina, met haar tekst",
        "responses": {
          "200": {
            "description": "De versie.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VersieMetTekst"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/exports": {
      "get": {
        "tags": [
          "publicatie"
        ],
        "operationId": "listExports",
        "summary": "Alle exports, de nieuwste eerst (redacteur)",
        "responses": {
          "200": {
            "description": "De exports.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "exports"
                  ],
                  "properties": {
                    "exports": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Export"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      },
      "post": {
        "tags": [
          "publicatie"
        ],
        "operationId": "createExport",
        "summary": "Een export maken van de goedgekeurde versies (redacteur)",
        "responses": {
          "201": {
            "description": "De nieuwe export.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              },
              "Location": {
                "description": "Het adres van de nieuwe export.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Export"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "description": "Er is niets veranderd sinds de nieuwste export (ook wanneer twee verzoeken tegelijk komen); die export staat in het probleem onder `export`.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Probleem"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/exports/{exportNummer}": {
      "parameters": [
        {
          "name": "exportNummer",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1
          },
          "example": 1
        }
      ],
      "get": {
        "tags": [
          "publicatie"
        ],
        "operationId": "getExport",
        "summary": "Eén export (redacteur)",
        "responses": {
          "200": {
            "description": "De export.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Export"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/publicaties": {
      "get": {
        "tags": [
          "publicatie"
        ],
        "operationId": "listPublicaties",
        "summary": "Elke publicatie, de nieuwste eerst (redacteur)",
        "responses": {
          "200": {
            "description": "De publicaties.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "publicaties"
                  ],
                  "properties": {
                    "publicaties": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Publicatie"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      },
      "post": {
        "tags": [
          "publicatie"
        ],
        "operationId": "createPublicatie",
        "summary": "Een export publiceren (redacteur); een eerdere export opnieuw publiceren is terugdraaien",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "export"
                ],
                "additionalProperties": false,
                "properties": {
                  "export": {
                    "type": "integer",
                    "minimum": 1
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "De site van de export staat online.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Publicatie"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/indicatoren": {
      "get": {
        "tags": [
          "cijfers"
        ],
        "operationId": "listIndicatoren",
        "summary": "De indicatoren van het project, met hun waarden na onthullingscontrole",
        "responses": {
          "200": {
            "description": "De indicatoren.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "indicatoren"
                  ],
                  "properties": {
                    "indicatoren": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Indicator"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/indicatoren/{indicatorId}": {
      "parameters": [
        {
          "name": "indicatorId",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
          },
          "example": "bbv-winkeldiefstallen"
        }
      ],
      "get": {
        "tags": [
          "cijfers"
        ],
        "operationId": "getIndicator",
        "summary": "Eén indicator",
        "responses": {
          "200": {
            "description": "De indicator.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Indicator"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/documenten/{documentId}/financiele-tabellen": {
      "parameters": [
        {
          "$ref": "#/components/parameters/documentId"
        }
      ],
      "get": {
        "tags": [
          "cijfers"
        ],
        "operationId": "listFinancieleTabellen",
        "summary": "De financiële tabellen van een document (per programma en het overzicht)",
        "responses": {
          "200": {
            "description": "De tabellen, bedragen in euro's.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "tabellen"
                  ],
                  "properties": {
                    "tabellen": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/FinancieleTabel"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/gebruikers": {
      "get": {
        "tags": [
          "beheer"
        ],
        "operationId": "listGebruikers",
        "summary": "Alle accounts (beheerder)",
        "responses": {
          "200": {
            "description": "De accounts, zonder wachtwoorden of sleutels.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "gebruikers"
                  ],
                  "properties": {
                    "gebruikers": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Gebruiker"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/auditregels": {
      "get": {
        "tags": [
          "beheer"
        ],
        "operationId": "listAuditregels",
        "summary": "Het auditlog, vanaf een volgnummer (beheerder)",
        "parameters": [
          {
            "name": "vanaf",
            "in": "query",
            "description": "Het eerste volgnummer.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "default": 1
            }
          },
          {
            "name": "aantal",
            "in": "query",
            "description": "Hoeveel regels ten hoogste.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De regels, met het oordeel over de hele keten.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "regels",
                    "ketenOngeschonden"
                  ],
                  "properties": {
                    "regels": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Auditregel"
                      }
                    },
                    "ketenOngeschonden": {
                      "type": "boolean",
                      "description": "Of de hashketen van het hele log klopt."
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/api-tokens": {
      "get": {
        "tags": [
          "tokens"
        ],
        "operationId": "listApiTokens",
        "summary": "De eigen API-tokens (zonder het geheim)",
        "responses": {
          "200": {
            "description": "De tokens van de eigenaar van het token van dit verzoek.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "tokens"
                  ],
                  "properties": {
                    "tokens": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ApiToken"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    },
    "/api-tokens/{tokenId}": {
      "parameters": [
        {
          "name": "tokenId",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1
          }
        }
      ],
      "delete": {
        "tags": [
          "tokens"
        ],
        "operationId": "revokeApiToken",
        "summary": "Een eigen API-token intrekken",
        "responses": {
          "204": {
            "description": "Ingetrokken; het token werkt niet meer.",
            "headers": {
              "API-Version": {
                "$ref": "#/components/headers/API-Version"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "default": {
            "$ref": "#/components/responses/Problem"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "apiToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "Een persoonlijk API-token, te maken op de werkomgeving (pagina \"API-tokens\")."
      }
    },
    "headers": {
      "API-Version": {
        "description": "De volledige versie van deze API (gelijk aan `info.version`).",
        "schema": {
          "type": "string",
          "example": "1.0.0"
        }
      },
      "Access-Control-Allow-Origin": {
        "description": "CORS, open voor elke herkomst.",
        "schema": {
          "type": "string",
          "example": "*"
        }
      }
    },
    "parameters": {
      "documentId": {
        "name": "documentId",
        "in": "path",
        "required": true,
        "description": "Soort en jaar, zoals `jaarverslag-2019`.",
        "schema": {
          "type": "string",
          "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
        },
        "example": "begroting-2019"
      },
      "paginaId": {
        "name": "paginaId",
        "in": "path",
        "required": true,
        "description": "Het nummer of de naam van de pagina in het document, zoals `7.2.1` of `leeswijzer`.",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"
        },
        "example": "7.2.2"
      }
    },
    "responses": {
      "Problem": {
        "description": "Een fout.",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      },
      "BadRequest": {
        "description": "Het verzoek is niet goed (een parameter of de inhoud).",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "Geen geldig token.",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          },
          "WWW-Authenticate": {
            "schema": {
              "type": "string",
              "example": "Bearer"
            }
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      },
      "NotFound": {
        "description": "Bestaat niet, of u hebt er geen recht op.",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      },
      "Conflict": {
        "description": "Iemand anders heeft de pagina opgeslagen na de basisversie; niets opgeslagen.",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      },
      "BuildProblems": {
        "description": "Met deze tekst kan de site niet worden gebouwd; niets opgeslagen.",
        "headers": {
          "API-Version": {
            "$ref": "#/components/headers/API-Version"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Probleem"
            }
          }
        }
      }
    },
    "schemas": {
      "Probleem": {
        "type": "object",
        "description": "Een fout volgens RFC 9457.",
        "required": [
          "status",
          "title",
          "detail"
        ],
        "properties": {
          "type": {
            "type": "string",
            "description": "Een URI die de soort fout noemt; `about:blank` als er geen is."
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string"
          },
          "problemen": {
            "type": "array",
            "description": "Bij 422 en 400 de afzonderlijke problemen, met hun plaats.",
            "items": {
              "$ref": "#/components/schemas/Melding"
            }
          }
        }
      },
      "Melding": {
        "type": "object",
        "required": [
          "melding"
        ],
        "properties": {
          "bestand": {
            "type": "string"
          },
          "regel": {
            "type": "integer"
          },
          "kolom": {
            "type": "integer"
          },
          "veld": {
            "type": "string"
          },
          "melding": {
            "type": "string"
          }
        }
      },
      "Document": {
        "type": "object",
        "required": [
          "id",
          "soort",
          "titel",
          "aantalPaginas"
        ],
        "properties": {
          "id": {
            "type": "string",
            "example": "jaarverslag-2019"
          },
          "soort": {
            "type": "string",
            "enum": [
              "begroting",
              "jaarverslag",
              "kadernota",
              "berap",
              "document"
            ],
            "description": "berap: bestuursrapportage; document: een project met één document."
          },
          "jaar": {
            "type": "integer",
            "nullable": true
          },
          "titel": {
            "type": "string"
          },
          "aantalPaginas": {
            "type": "integer"
          }
        }
      },
      "PaginaSamenvatting": {
        "type": "object",
        "required": [
          "id",
          "soort",
          "titel",
          "bestand",
          "versie",
          "status"
        ],
        "properties": {
          "id": {
            "type": "string",
            "example": "7.2.1"
          },
          "soort": {
            "type": "string",
            "example": "doel"
          },
          "titel": {
            "type": "string"
          },
          "ouder": {
            "type": "string",
            "nullable": true
          },
          "bestand": {
            "type": "string",
            "example": "content/jaarverslag-2019/7-fysiek-domein/7-2-veiligheid/7-2-1-sociale-veiligheid.md"
          },
          "adres": {
            "type": "string",
            "nullable": true,
            "description": "Het adres op de site, zoals `/jaarverslag-2019/doel/7-2-1-sociale-veiligheid/`."
          },
          "versie": {
            "type": "integer"
          },
          "status": {
            "type": "string",
            "enum": [
              "concept",
              "ter-review",
              "goedgekeurd"
            ]
          }
        }
      },
      "Pagina": {
        "allOf": [
          {
            "$ref": "#/components/schemas/PaginaSamenvatting"
          },
          {
            "type": "object",
            "required": [
              "secties",
              "tekst"
            ],
            "properties": {
              "ondertitel": {
                "type": "string",
                "nullable": true
              },
              "criteria": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "indicatoren": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "portefeuillehouder": {
                "type": "object",
                "nullable": true,
                "properties": {
                  "naam": {
                    "type": "string"
                  },
                  "functie": {
                    "type": "string",
                    "nullable": true
                  }
                }
              },
              "secties": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "kop",
                    "tekst"
                  ],
                  "properties": {
                    "kop": {
                      "type": "string"
                    },
                    "tekst": {
                      "type": "string",
                      "description": "Markdown."
                    }
                  }
                }
              },
              "tekst": {
                "type": "string",
                "description": "Het hele bestand: kenmerken tussen `---` en daarna Markdown."
              }
            }
          }
        ]
      },
      "NieuweVersie": {
        "type": "object",
        "required": [
          "basisversie",
          "tekst"
        ],
        "additionalProperties": false,
        "properties": {
          "basisversie": {
            "type": "integer",
            "minimum": 1,
            "description": "De versie waarop de nieuwe tekst voortbouwt."
          },
          "tekst": {
            "type": "string",
            "maxLength": 2097152
          }
        }
      },
      "Versie": {
        "type": "object",
        "required": [
          "versie",
          "opgeslagenDoor",
          "opgeslagenOp"
        ],
        "properties": {
          "versie": {
            "type": "integer"
          },
          "opgeslagenDoor": {
            "type": "string"
          },
          "opgeslagenOp": {
            "type": "string",
            "format": "date-time",
            "description": "In UTC."
          }
        }
      },
      "VersieMetTekst": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Versie"
          },
          {
            "type": "object",
            "required": [
              "tekst"
            ],
            "properties": {
              "tekst": {
                "type": "string"
              }
            }
          }
        ]
      },
      "Export": {
        "type": "object",
        "required": [
          "nummer",
          "gemaaktDoor",
          "gemaaktOp",
          "aantalBestanden"
        ],
        "properties": {
          "nummer": {
            "type": "integer"
          },
          "gemaaktDoor": {
            "type": "string"
          },
          "gemaaktOp": {
            "type": "string",
            "format": "date-time"
          },
          "aantalBestanden": {
            "type": "integer"
          }
        }
      },
      "Publicatie": {
        "type": "object",
        "required": [
          "export",
          "gepubliceerdDoor",
          "gepubliceerdOp"
        ],
        "properties": {
          "export": {
            "type": "integer"
          },
          "gepubliceerdDoor": {
            "type": "string"
          },
          "gepubliceerdOp": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "Indicator": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "eenheid",
          "waarden"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "titel": {
            "type": "string"
          },
          "eenheid": {
            "type": "string"
          },
          "bron": {
            "type": "string",
            "nullable": true
          },
          "waarden": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "gebied",
                "periode"
              ],
              "properties": {
                "gebied": {
                  "type": "string",
                  "description": "Code van het gebied (GM…, WK…, BU…, NL01)."
                },
                "periode": {
                  "type": "string",
                  "example": "2019"
                },
                "waarde": {
                  "type": "number",
                  "nullable": true,
                  "description": "Leeg als het cijfer niet gepubliceerd mag worden."
                }
              }
            }
          }
        }
      },
      "FinancieleTabel": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "kolommen",
          "rijen"
        ],
        "properties": {
          "id": {
            "type": "string",
            "example": "programma-7"
          },
          "titel": {
            "type": "string"
          },
          "bron": {
            "type": "string",
            "nullable": true
          },
          "kolommen": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "rijen": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "omschrijving",
                "bedragen"
              ],
              "properties": {
                "omschrijving": {
                  "type": "string"
                },
                "bedragen": {
                  "type": "array",
                  "items": {
                    "type": "number",
                    "nullable": true
                  }
                }
              }
            }
          }
        }
      },
      "Gebruiker": {
        "type": "object",
        "required": [
          "gebruikersnaam",
          "naam",
          "rollen",
          "geblokkeerd",
          "extern"
        ],
        "properties": {
          "gebruikersnaam": {
            "type": "string"
          },
          "naam": {
            "type": "string"
          },
          "rollen": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "beheerder",
                "redacteur",
                "auteur",
                "analist",
                "lezer"
              ]
            }
          },
          "toewijzingen": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "geblokkeerd": {
            "type": "boolean"
          },
          "extern": {
            "type": "boolean",
            "description": "Logt in via de identity provider van de organisatie."
          }
        }
      },
      "Auditregel": {
        "type": "object",
        "required": [
          "volgnummer",
          "tijd",
          "actor",
          "herkomst",
          "actie",
          "object",
          "resultaat",
          "hash"
        ],
        "properties": {
          "volgnummer": {
            "type": "integer"
          },
          "tijd": {
            "type": "string",
            "format": "date-time"
          },
          "actor": {
            "type": "string"
          },
          "herkomst": {
            "type": "string"
          },
          "actie": {
            "type": "string"
          },
          "object": {
            "type": "string"
          },
          "resultaat": {
            "type": "string",
            "enum": [
              "success",
              "failure",
              "denied"
            ]
          },
          "toelichting": {
            "type": "string"
          },
          "hash": {
            "type": "string"
          }
        }
      },
      "ApiToken": {
        "type": "object",
        "required": [
          "id",
          "naam",
          "gemaaktOp"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "naam": {
            "type": "string"
          },
          "gemaaktOp": {
            "type": "string",
            "format": "date-time"
          },
          "laatstGebruiktOp": {
            "type": "string",
            "format": "date-time",
            "nullable": true
          },
          "verlooptOp": {
            "type": "string",
            "format": "date-time",
            "nullable": true
          }
        }
      }
    }
  }
}
"""#
}
