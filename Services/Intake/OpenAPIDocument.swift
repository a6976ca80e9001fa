/// The OpenAPI 3.1 document of intake's REST API, served at `/openapi.json`. Generated from
/// and identical to `docs/openapi.json`; a system test checks it against the live routes.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "12345 hotline intake API",
  "version": "1.0.0",
  "description": "Operators' REST API, department replies, statistics and one-key broadcasts. Open311 GeoReport v2 is served under /open311/v2/ as its specification defines it."
 },
 "servers": [
  {
   "url": "http://127.0.0.1:8080"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/v1/tickets": {
   "post": {
    "summary": "Create a ticket",
    "tags": [
     "tickets"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "200": {
      "description": "Replay of an earlier request with the same Idempotency-Key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "409": {
      "description": "Idempotency-Key reused with another body",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "Not application/json",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "429": {
      "description": "Over the per-key rate limit (Retry-After)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "Makes retries safe; the same key with another body is 409"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TicketInput"
       }
      }
     }
    }
   },
   "get": {
    "summary": "List tickets, newest first or by deadline, keyset paging",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "A page",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TicketPage"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "status",
      "in": "query",
      "required": false,
      "description": "received, assigned, accepted, resolved, closed, unroutable, cancelled, duplicate",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "street",
      "in": "query",
      "required": false,
      "description": "street code",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "grid",
      "in": "query",
      "required": false,
      "description": "grid code",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "department",
      "in": "query",
      "required": false,
      "description": "department code",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "from",
      "in": "query",
      "required": false,
      "description": "ISO 8601 date-time (inclusive)",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "required": false,
      "description": "ISO 8601 date-time (exclusive)",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "1..500, default 50",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "description": "nextCursor of the previous page",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "overdue",
      "in": "query",
      "required": false,
      "description": "true: open tickets past a deadline",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "major",
      "in": "query",
      "required": false,
      "description": "true: 三重 matters only",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "followUp",
      "in": "query",
      "required": false,
      "description": "true: awaiting a follow-up call (resolved and unrated, or closed without a rating)",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "sort",
      "in": "query",
      "required": false,
      "description": "created (default: newest first) or deadline (soonest resolve-by first)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/tickets/{id}": {
   "get": {
    "summary": "A ticket with routing, deadlines, rating and history",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "The ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/tickets/{id}/dispatch": {
   "post": {
    "summary": "Manual dispatch",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "Dispatched",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "grid": {
          "type": "string"
         },
         "department": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/tickets/{id}/rating": {
   "post": {
    "summary": "Record the resident's rating",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "Rated",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "score"
        ],
        "properties": {
         "score": {
          "type": "integer",
          "enum": [
           1,
           2,
           3
          ],
          "description": "1 satisfied, 2 basically satisfied, 3 dissatisfied (reopens)"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/tickets/{id}/cancel": {
   "post": {
    "summary": "Cancel",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "Cancelled",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/tickets/{id}/unlink": {
   "post": {
    "summary": "Unlink a duplicate; it is routed on its own",
    "tags": [
     "tickets"
    ],
    "responses": {
     "200": {
      "description": "Unlinked and routed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Not a duplicate",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/tasks": {
   "get": {
    "summary": "The department's open tasks",
    "tags": [
     "tasks"
    ],
    "responses": {
     "200": {
      "description": "Tasks",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "tasks": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Ticket"
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: department."
   }
  },
  "/v1/tasks/{id}/accept": {
   "post": {
    "summary": "Reply: accept",
    "tags": [
     "tasks"
    ],
    "responses": {
     "200": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: department.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "note": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/tasks/{id}/progress": {
   "post": {
    "summary": "Reply: progress",
    "tags": [
     "tasks"
    ],
    "responses": {
     "200": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: department.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "note": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/tasks/{id}/resolve": {
   "post": {
    "summary": "Reply: resolve",
    "tags": [
     "tasks"
    ],
    "responses": {
     "200": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: department.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "note": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/tasks/{id}/return": {
   "post": {
    "summary": "Reply: return",
    "tags": [
     "tasks"
    ],
    "responses": {
     "200": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ticket"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "Illegal in the current state",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: department.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "properties": {
         "note": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   }
  },
  "/v1/stats": {
   "get": {
    "summary": "Volumes and rates by street, grid or department",
    "tags": [
     "stats"
    ],
    "responses": {
     "200": {
      "description": "Statistics",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Stats"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "groupBy",
      "in": "query",
      "required": false,
      "description": "street (default), grid or department",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "from",
      "in": "query",
      "required": false,
      "description": "ISO 8601",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "required": false,
      "description": "ISO 8601",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/broadcasts": {
   "post": {
    "summary": "One-key broadcast to every grid worker in scope",
    "tags": [
     "broadcasts"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/BroadcastInput"
       }
      }
     }
    }
   },
   "get": {
    "summary": "Recent broadcasts",
    "tags": [
     "broadcasts"
    ],
    "responses": {
     "200": {
      "description": "Broadcasts",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin."
   }
  },
  "/v1/broadcasts/{id}": {
   "get": {
    "summary": "A broadcast with each recipient's delivery and acknowledgement",
    "tags": [
     "broadcasts"
    ],
    "responses": {
     "200": {
      "description": "The broadcast",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "404": {
      "description": "No such broadcast",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/me": {
   "get": {
    "summary": "Who the signed-in key is",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "The key's name, role and department",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "name": {
           "type": "string"
          },
          "role": {
           "type": "string"
          },
          "department": {
           "type": [
            "string",
            "null"
           ]
          },
          "departmentName": {
           "type": [
            "string",
            "null"
           ]
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department. The console shows what the role may do."
   }
  },
  "/v1/jurisdiction": {
   "get": {
    "summary": "Catalog and grids for forms and filters",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "The jurisdiction summary",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department. Categories, departments, streets and grids (codes and names)."
   }
  },
  "/v1/jurisdiction/grids": {
   "get": {
    "summary": "The grids' shapes as GeoJSON",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "GeoJSON FeatureCollection",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department. A FeatureCollection of MultiPolygons with code and names only (no phones), for maps drawn without online tiles."
   }
  },
  "/v1/jurisdiction/places": {
   "get": {
    "summary": "Address suggestions from the grids' aliases",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "{places: [{alias, grid, gridName, communityName, streetName}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department. Up to 10 aliases found in the text or starting to match it, best first.",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "required": false,
      "description": "the address typed so far",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/classify": {
   "get": {
    "summary": "The category the classifier gives a text",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "{category: {code, name, handler, urgency, department, keywords} | null}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department. As POST /v1/tickets would classify a ticket without a category; category is null when no keyword matches.",
    "parameters": [
     {
      "name": "text",
      "in": "query",
      "required": false,
      "description": "the description (up to 4000 characters)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/counts": {
   "get": {
    "summary": "Ticket counts for the work queue's tabs",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "{status: {<status>: n}, overdue, major, followUp, total}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin. Per status, overdue, open 三重 (major) and awaiting follow-up, under the same filters as the list.",
    "parameters": [
     {
      "name": "street",
      "in": "query",
      "required": false,
      "description": "street code",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "grid",
      "in": "query",
      "required": false,
      "description": "grid code",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "department",
      "in": "query",
      "required": false,
      "description": "department code",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/tickets/{id}/messages": {
   "get": {
    "summary": "The SMS about a ticket",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "{messages: [{kind, recipient, recipientRole, text, status, attempts, createdAt, sentAt, deliveredAt}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "404": {
      "description": "No such ticket",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin. Kind, masked recipient, text and delivery state of each SMS the notifier planned.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "Ticket id (uuid) or number (12345-YYYYMMDD-NNNNNN)",
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/screen": {
   "get": {
    "summary": "The big screen's snapshot",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "The snapshot",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin. Open and overdue tickets per grid, 三重 and cluster alerts, today's top categories and streets, overdue tickets by level, the latest events, and the periods (today, yesterday) whose GET /v1/stats totals are the screen's counters."
   }
  },
  "/v1/events/stream": {
   "get": {
    "summary": "Live events (Server-Sent Events)",
    "tags": [
     "web ui"
    ],
    "responses": {
     "200": {
      "description": "An endless event stream",
      "content": {
       "text/event-stream": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "406": {
      "description": "Accept does not include text/event-stream",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the key's role",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "A dependency is down; nothing was recorded",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Roles: operator, admin, department (only its own tickets' events). Requires Accept: text/event-stream (else 406); read it with fetch() and the Authorization header. Each event has id, event (the type) and data (id, type, occurredAt, ticketId, ticketNumber, status, category, grid, street, level, major, departments, detail); `event: resync` means events may have been missed: reload the snapshot."
   }
  },
  "/v1/households": {
   "get": {
    "summary": "Search households (operator, admin; a grid key sees its own grid); phones masked",
    "tags": [
     "households"
    ],
    "parameters": [
     {
      "name": "grid",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "Grid code"
     },
     {
      "name": "colour",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "red, yellow or green"
     },
     {
      "name": "kind",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "residential or commercial"
     },
     {
      "name": "checkin",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "true or false"
     },
     {
      "name": "q",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "Part of the code, address or a member's name"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer"
      },
      "description": "1 to 500 (50)"
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "nextCursor of the previous page"
     }
    ],
    "responses": {
     "200": {
      "description": "A page of households",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "households": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Household"
           }
          },
          "nextCursor": {
           "type": [
            "string",
            "null"
           ]
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/households/export": {
   "get": {
    "summary": "Every household in the import format, phones whole (admin only; recorded)",
    "tags": [
     "households"
    ],
    "responses": {
     "200": {
      "description": "All households",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/HouseholdInput"
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/households/{code}": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "description": "Household code, e.g. H-0001"
    }
   ],
   "get": {
    "summary": "A household's file with visits, check-ins, tickets and history; the read is recorded (who, when)",
    "tags": [
     "households"
    ],
    "responses": {
     "200": {
      "description": "The household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   },
   "put": {
    "summary": "Replace a household's file (import format); recoloured by the catalog's rules at once",
    "tags": [
     "households"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/HouseholdInput"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "Not application/json",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/households/{code}/colour": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "description": "Household code, e.g. H-0001"
    }
   ],
   "post": {
    "summary": "Override the colour with a reason (operator, admin); colour null hands it back to the rules; kept in history",
    "tags": [
     "households"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "colour",
         "reason"
        ],
        "properties": {
         "colour": {
          "type": [
           "string",
           "null"
          ],
          "enum": [
           "red",
           "yellow",
           "green",
           null
          ]
         },
         "reason": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Household"
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "Not application/json",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/households/{code}/reads": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "description": "Household code, e.g. H-0001"
    }
   ],
   "get": {
    "summary": "Who read the household's file, and when (admin only)",
    "tags": [
     "households"
    ],
    "responses": {
     "200": {
      "description": "The reads, newest first",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "reads": {
           "type": "array",
           "items": {
            "type": "object",
            "properties": {
             "at": {
              "type": "string",
              "format": "date-time"
             },
             "actor": {
              "type": "string"
             },
             "role": {
              "type": "string"
             }
            }
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/households/{code}/visits": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     },
     "description": "Household code, e.g. H-0001"
    }
   ],
   "post": {
    "summary": "Record a visit (走访); a ticket object opens a grid_patrol ticket at the household",
    "tags": [
     "households"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "findings"
        ],
        "properties": {
         "visitor": {
          "type": "string"
         },
         "visitedAt": {
          "type": "string",
          "format": "date-time"
         },
         "findings": {
          "type": "string"
         },
         "ticket": {
          "type": "object",
          "properties": {
           "description": {
            "type": "string"
           },
           "category": {
            "type": "string"
           },
           "urgency": {
            "type": "string",
            "enum": [
             "emergency",
             "urgent",
             "general"
            ]
           },
           "major": {
            "type": "string",
            "enum": [
             "accident",
             "disaster",
             "dispute"
            ]
           }
          }
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The visit and the ticket it opened",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "visit": {
           "type": "object"
          },
          "ticket": {
           "oneOf": [
            {
             "$ref": "#/components/schemas/Ticket"
            },
            {
             "type": "null"
            }
           ]
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such household",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "415": {
      "description": "Not application/json",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/visits/overdue": {
   "get": {
    "summary": "Households whose visit is overdue under the catalog's visitEvery, by grid worker",
    "tags": [
     "households"
    ],
    "parameters": [
     {
      "name": "grid",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "Grid code"
     }
    ],
    "responses": {
     "200": {
      "description": "Overdue visits by worker",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "workers": {
           "type": "array",
           "items": {
            "type": "object"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/v1/stats/households": {
   "get": {
    "summary": "Household statistics per grid, community or street",
    "tags": [
     "households"
    ],
    "parameters": [
     {
      "name": "groupBy",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "grid, community or street (street)"
     },
     {
      "name": "from",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "ISO 8601; check-ins from (30 days ago)"
     },
     {
      "name": "to",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      },
      "description": "ISO 8601; check-ins until (now)"
     },
     {
      "name": "coverageDays",
      "in": "query",
      "required": false,
      "schema": {
       "type": "integer"
      },
      "description": "Visit coverage window in days (30)"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "properties": {
          "groupBy": {
           "type": "string"
          },
          "from": {
           "type": "string"
          },
          "to": {
           "type": "string"
          },
          "coverageDays": {
           "type": "integer"
          },
          "groups": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/HouseholdFigures"
           }
          },
          "total": {
           "$ref": "#/components/schemas/HouseholdFigures"
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Invalid request: every bad field listed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "Missing or unknown API key",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "The key's role or grid may not do this",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The database is unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/healthz": {
   "get": {
    "summary": "Alive",
    "tags": [
     "operations"
    ],
    "security": [],
    "responses": {
     "200": {
      "description": "Alive"
     }
    }
   }
  },
  "/readyz": {
   "get": {
    "summary": "Database reachable",
    "tags": [
     "operations"
    ],
    "security": [],
    "responses": {
     "200": {
      "description": "Database reachable"
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "summary": "Prometheus text",
    "tags": [
     "operations"
    ],
    "security": [],
    "responses": {
     "200": {
      "description": "Prometheus text"
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "summary": "This document",
    "tags": [
     "operations"
    ],
    "security": [],
    "responses": {
     "200": {
      "description": "This document"
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "An API key from `intake keys create`"
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error"
    ],
    "properties": {
     "error": {
      "type": "object",
      "required": [
       "code",
       "message",
       "fields"
      ],
      "properties": {
       "code": {
        "type": "string"
       },
       "message": {
        "type": "string"
       },
       "fields": {
        "type": "array",
        "items": {
         "type": "object",
         "properties": {
          "field": {
           "type": "string"
          },
          "message": {
           "type": "string"
          }
         }
        }
       }
      }
     }
    }
   },
   "TicketInput": {
    "type": "object",
    "required": [
     "description",
     "location"
    ],
    "additionalProperties": false,
    "properties": {
     "channel": {
      "type": "string",
      "enum": [
       "phone",
       "web",
       "app",
       "grid_patrol",
       "walk_in"
      ],
      "default": "phone"
     },
     "caller": {
      "type": "object",
      "properties": {
       "name": {
        "type": "string",
        "maxLength": 50
       },
       "phone": {
        "type": "string",
        "description": "mainland mobile or landline"
       }
      }
     },
     "description": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2000
     },
     "category": {
      "type": "string",
      "description": "catalog code; classified from the description when absent"
     },
     "location": {
      "type": "object",
      "description": "at least one of address, lat+lon, grid",
      "properties": {
       "address": {
        "type": "string"
       },
       "lat": {
        "type": "number",
        "minimum": -90,
        "maximum": 90
       },
       "lon": {
        "type": "number",
        "minimum": -180,
        "maximum": 180
       },
       "grid": {
        "type": "string"
       }
      }
     },
     "urgency": {
      "type": "string",
      "enum": [
       "general",
       "urgent",
       "emergency"
      ]
     },
     "major": {
      "type": "string",
      "enum": [
       "accident",
       "disaster",
       "dispute"
      ],
      "description": "三重 matter"
     },
     "externalId": {
      "type": "string",
      "maxLength": 100
     }
    }
   },
   "Department": {
    "type": "object",
    "properties": {
     "code": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "role": {
      "type": "string",
      "enum": [
       "lead",
       "assist"
      ]
     }
    }
   },
   "Ticket": {
    "type": "object",
    "required": [
     "id",
     "number",
     "status"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "number": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "received",
       "assigned",
       "accepted",
       "resolved",
       "closed",
       "unroutable",
       "cancelled",
       "duplicate"
      ]
     },
     "version": {
      "type": "integer"
     },
     "channel": {
      "type": "string"
     },
     "caller": {
      "type": "object"
     },
     "description": {
      "type": "string"
     },
     "category": {
      "type": [
       "string",
       "null"
      ]
     },
     "location": {
      "type": "object"
     },
     "urgency": {
      "type": [
       "string",
       "null"
      ]
     },
     "major": {
      "type": [
       "string",
       "null"
      ]
     },
     "grid": {
      "type": [
       "string",
       "null"
      ]
     },
     "community": {
      "type": [
       "string",
       "null"
      ]
     },
     "street": {
      "type": [
       "string",
       "null"
      ]
     },
     "district": {
      "type": [
       "string",
       "null"
      ]
     },
     "handler": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "community",
       "department",
       "secretary",
       null
      ]
     },
     "departments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Department"
      }
     },
     "level": {
      "type": "string",
      "enum": [
       "community",
       "street",
       "district"
      ]
     },
     "routing": {
      "type": [
       "object",
       "null"
      ],
      "description": "grid, names, handler, departments, level and the reasons (rules) that decided"
     },
     "deadlines": {
      "type": "object",
      "properties": {
       "respondBy": {
        "type": "string",
        "format": "date-time"
       },
       "resolveBy": {
        "type": "string",
        "format": "date-time"
       }
      }
     },
     "rating": {
      "type": [
       "integer",
       "null"
      ]
     },
     "reopenCount": {
      "type": "integer"
     },
     "returnCount": {
      "type": "integer"
     },
     "duplicateOf": {
      "type": [
       "string",
       "null"
      ]
     },
     "duplicateCount": {
      "type": "integer"
     },
     "followUp": {
      "type": "boolean"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "updatedAt": {
      "type": "string",
      "format": "date-time"
     },
     "history": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "type": {
         "type": "string"
        },
        "occurredAt": {
         "type": "string",
         "format": "date-time"
        },
        "data": {
         "type": "object"
        }
       }
      }
     }
    }
   },
   "TicketPage": {
    "type": "object",
    "properties": {
     "tickets": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Ticket"
      }
     },
     "nextCursor": {
      "type": [
       "string",
       "null"
      ]
     }
    }
   },
   "Stats": {
    "type": "object",
    "properties": {
     "groupBy": {
      "type": "string"
     },
     "from": {
      "type": "string"
     },
     "to": {
      "type": "string"
     },
     "groups": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/StatsRow"
      }
     },
     "total": {
      "$ref": "#/components/schemas/StatsRow"
     }
    }
   },
   "StatsRow": {
    "type": "object",
    "properties": {
     "received": {
      "type": "integer"
     },
     "dispatched": {
      "type": "integer"
     },
     "respondedOnTime": {
      "type": "integer"
     },
     "resolved": {
      "type": "integer"
     },
     "resolvedOnTime": {
      "type": "integer"
     },
     "rated": {
      "type": "integer"
     },
     "satisfied": {
      "type": "integer"
     },
     "responseRate": {
      "type": [
       "number",
       "null"
      ]
     },
     "resolutionRate": {
      "type": [
       "number",
       "null"
      ]
     },
     "satisfactionRate": {
      "type": [
       "number",
       "null"
      ]
     },
     "key": {
      "type": "string"
     },
     "name": {
      "type": [
       "string",
       "null"
      ]
     }
    }
   },
   "BroadcastInput": {
    "type": "object",
    "required": [
     "scope",
     "text"
    ],
    "properties": {
     "scope": {
      "type": "object",
      "description": "exactly one of street, community, district: a code",
      "properties": {
       "street": {
        "type": "string"
       },
       "community": {
        "type": "string"
       },
       "district": {
        "type": "string"
       }
      }
     },
     "text": {
      "type": "string"
     },
     "requireAck": {
      "type": "boolean"
     }
    }
   },
   "HouseholdInput": {
    "type": "object",
    "description": "A household in the import format (dispatcher import-households); grid may be left out when lat/lon or the address place it",
    "required": [
     "address"
    ],
    "properties": {
     "code": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "grid": {
      "type": "string"
     },
     "lat": {
      "type": "number"
     },
     "lon": {
      "type": "number"
     },
     "kind": {
      "type": "string",
      "enum": [
       "residential",
       "commercial"
      ]
     },
     "checkin": {
      "type": "boolean"
     },
     "watcher": {
      "type": "object",
      "properties": {
       "name": {
        "type": "string"
       },
       "phone": {
        "type": "string"
       }
      }
     },
     "members": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "name"
       ],
       "properties": {
        "name": {
         "type": "string"
        },
        "phone": {
         "type": "string"
        },
        "birthYear": {
         "type": "integer"
        },
        "age": {
         "type": "integer",
         "readOnly": true
        },
        "ageBand": {
         "type": "string",
         "enum": [
          "0-3",
          "4-12",
          "13-17",
          "18-59",
          "60-79",
          "80+"
         ],
         "readOnly": true
        },
        "flags": {
         "type": "array",
         "items": {
          "type": "string",
          "enum": [
           "alone",
           "disability",
           "low_income",
           "unemployed",
           "chronic"
          ]
         }
        }
       }
      }
     }
    }
   },
   "Household": {
    "type": "object",
    "description": "A household's file: colour and why, members with age bands; on its own page also visits, check-ins, tickets and history (phones masked in lists)",
    "properties": {
     "code": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "grid": {
      "type": "string"
     },
     "gridName": {
      "type": "string"
     },
     "community": {
      "type": "string"
     },
     "street": {
      "type": "string"
     },
     "kind": {
      "type": "string"
     },
     "checkin": {
      "type": "boolean"
     },
     "colour": {
      "type": "string",
      "enum": [
       "red",
       "yellow",
       "green"
      ]
     },
     "colourReason": {
      "type": "string"
     },
     "ruleColour": {
      "type": "string"
     },
     "override": {
      "type": [
       "object",
       "null"
      ]
     },
     "members": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "name"
       ],
       "properties": {
        "name": {
         "type": "string"
        },
        "phone": {
         "type": "string"
        },
        "birthYear": {
         "type": "integer"
        },
        "age": {
         "type": "integer",
         "readOnly": true
        },
        "ageBand": {
         "type": "string",
         "enum": [
          "0-3",
          "4-12",
          "13-17",
          "18-59",
          "60-79",
          "80+"
         ],
         "readOnly": true
        },
        "flags": {
         "type": "array",
         "items": {
          "type": "string",
          "enum": [
           "alone",
           "disability",
           "low_income",
           "unemployed",
           "chronic"
          ]
         }
        }
       }
      }
     },
     "watcher": {
      "type": [
       "object",
       "null"
      ]
     },
     "lastVisitAt": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "nextVisitDue": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "visits": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "checkins": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "tickets": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "history": {
      "type": "array",
      "items": {
       "type": "object"
      }
     }
    }
   },
   "HouseholdFigures": {
    "type": "object",
    "description": "Households by colour and kind, residents by age band, members by flag, check-in rate (answered by the deadline / sent in the period) and visit coverage (visited in the last coverageDays / households)",
    "properties": {
     "key": {
      "type": "string"
     },
     "name": {
      "type": [
       "string",
       "null"
      ]
     },
     "households": {
      "type": "integer"
     },
     "byColour": {
      "type": "object"
     },
     "byKind": {
      "type": "object"
     },
     "residents": {
      "type": "integer"
     },
     "byAgeBand": {
      "type": "object"
     },
     "byFlag": {
      "type": "object"
     },
     "checkinsSent": {
      "type": "integer"
     },
     "checkinsAnswered": {
      "type": "integer"
     },
     "checkinRate": {
      "type": [
       "number",
       "null"
      ]
     },
     "visited": {
      "type": "integer"
     },
     "visitCoverage": {
      "type": [
       "number",
       "null"
      ]
     }
    }
   }
  }
 }
}
"""#
}
